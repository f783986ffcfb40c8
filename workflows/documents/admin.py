"""Documents in the admin: their records only, read-only; files are downloaded from the case."""

from django.contrib import admin

from .models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("case_type", "case_id", "kind", "version", "original_name", "uploaded_at")
    list_filter = ("kind", "content_type", "case_type")
    search_fields = ("original_name", "sha256")
    date_hierarchy = "uploaded_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
