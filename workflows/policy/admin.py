"""Admin pages for the catalogues, the policies and the cities' own calendar days."""

from django.contrib import admin

from . import services
from .forms import PolicyAdminForm
from .models import CalendarDay, Drug, FacilityStandard, Policy, TreatmentItem


@admin.register(Drug, TreatmentItem, FacilityStandard)
class CatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "catalogue_class", "price_limit", "unit")
    list_filter = ("catalogue_class",)
    search_fields = ("code", "name")


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    form = PolicyAdminForm
    list_display = ("region", "scheme", "effective_from", "effective_to")
    list_filter = ("scheme", "region")
    list_select_related = ("region",)
    search_fields = ("region__code", "region__name")
    date_hierarchy = "effective_from"

    def save_model(self, request, obj, form, change):
        services.policy_save(policy=obj)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """A city's own days off and working days: each changes the due dates of the steps
    counted over it, open tasks included (they are computed when read)."""

    list_display = ("region", "day", "is_working_day", "note")
    list_filter = ("is_working_day", "region")
    list_select_related = ("region",)
    search_fields = ("region__code", "region__name", "note")
    date_hierarchy = "day"
