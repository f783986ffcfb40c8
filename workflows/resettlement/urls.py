"""Filing pages."""

from django.urls import path, re_path

from workflows.finding.export import export_view

from . import review_views, views
from .finding import EXPORT

app_name = "resettlement"

urlpatterns = [
    path("", views.filing_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", export_view(EXPORT), name="export"),
    path("new/", views.filing_new, name="new"),
    path("<int:pk>/", views.filing_detail, name="detail"),
    path("<int:pk>/edit/", views.filing_edit, name="edit"),
    path("<int:pk>/documents/", views.filing_upload, name="upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/submit/", views.filing_submit, name="submit"),
    path("<int:pk>/withdraw/", views.filing_withdraw, name="withdraw"),
    path("<int:pk>/change/", views.filing_change, name="change"),
    path("<int:pk>/form.pdf", views.filing_form_pdf, name="form"),
    path("<int:pk>/decide/", review_views.decide, name="decide"),
    path("<int:pk>/decide-change/", review_views.decide_change, name="decide_change"),
]
