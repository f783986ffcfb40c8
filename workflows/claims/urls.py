"""Claim pages."""

from django.urls import path, re_path

from workflows.finding.export import export_view

from . import views
from .batches import views as batch_views
from .finding import EXPORT
from .review import views as review_views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", export_view(EXPORT), name="export"),
    path("new/", views.claim_new, name="new"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/edit/", views.claim_edit, name="edit"),
    path("<int:pk>/documents/", views.claim_upload, name="upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/submit/", views.claim_submit, name="submit"),
    path("<int:pk>/withdraw/", views.claim_withdraw, name="withdraw"),
    path("<int:pk>/statement.pdf", views.claim_statement, name="statement"),
    path("<int:pk>/lines/", review_views.line_add, name="line_add"),
    path("<int:pk>/lines/<int:line_pk>/remove/", review_views.line_remove, name="line_remove"),
    path("<int:pk>/lines/import/", review_views.lines_import, name="lines_import"),
    path("<int:pk>/calculate/", review_views.calculate, name="calculate"),
    path("<int:pk>/decide/", review_views.decide, name="decide"),
    path("<int:pk>/pay/", review_views.pay, name="pay"),
    path("batches/", batch_views.batch_list, name="batches"),
    path("batches/open/", batch_views.batch_open, name="batch_open"),
    path("batches/<int:pk>/", batch_views.batch_detail, name="batch"),
    path("batches/<int:pk>/claims/", batch_views.batch_add_claim, name="batch_add_claim"),
    path("batches/<int:pk>/carry/<int:claim_pk>/", batch_views.batch_carry, name="batch_carry"),
    path("batches/<int:pk>/submit/", batch_views.batch_submit, name="batch_submit"),
    path("batches/<int:pk>/pay/", batch_views.batch_pay, name="batch_pay"),
]
