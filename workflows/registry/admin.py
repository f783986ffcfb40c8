"""Admin pages for the registry."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from workflows.readonly_admin import ReadOnlyAdmin

from . import phone_number, services
from .models import (
    Department,
    EmployerUnit,
    Institution,
    InsuredPerson,
    Region,
    SignIn,
    StaffProfile,
    StandIn,
    User,
)
from .passwords.forms import GivenPasswordForm
from .roles import Role
from .twostep import admin as two_step_admin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "full_name",
        "email",
        "is_active",
        "is_staff",
        two_step_admin.two_step_on,
    )
    search_fields = ("username", "full_name", "email")
    actions = [two_step_admin.reset_two_step]
    fieldsets = (
        (None, {"fields": ("username", "password", "must_change_password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    # A user's group is their role, set through their staff profile (or insured account).
    readonly_fields = ("groups", "last_login", "date_joined")
    change_password_form = GivenPasswordForm

    def save_model(self, request, obj, form, change):
        # A user added here with a password has the administrator's: they choose their own.
        if not change and obj.has_usable_password():
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return two_step_admin.with_two_step(super().get_queryset(request))


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "grade", "designated", "city")
    list_filter = ("kind", "grade", "designated", "city")
    search_fields = ("code", "name")
    list_select_related = ("city",)
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "institution")
    search_fields = ("code", "name", "institution__name")
    list_select_related = ("institution",)


@admin.register(EmployerUnit)
class EmployerUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "city", "dissolved_on")
    list_filter = ("city",)
    search_fields = ("code", "name")
    list_select_related = ("city",)


@admin.register(InsuredPerson)
class InsuredPersonAdmin(admin.ModelAdmin):
    list_display = ("insurance_number", "name", "scheme", "status", "unit", "insured_city")
    list_filter = ("scheme", "status", "insured_city")
    search_fields = ("insurance_number", "name", "resident_id")
    list_select_related = ("unit", "insured_city")
    raw_id_fields = ("user",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "phone":  # checked as on every page that asks for one
            field.validators.append(phone_number.validate)
        return field


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "institution", "department", "unit", "city")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name")
    list_select_related = ("user", "institution", "department", "unit", "city")
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        services.staff_profile_save(
            user=obj.user,
            role=Role(obj.role),
            institution=obj.institution,
            department=obj.department,
            unit=obj.unit,
            city=obj.city,
        )


@admin.register(SignIn)
class SignInAdmin(ReadOnlyAdmin):
    """Who is signed in, since when, from where: recorded by signing in, never by hand."""

    list_display = ("user", "device", "ip_address", "signed_in_at", "last_seen_at")
    search_fields = ("user__username", "user__full_name", "ip_address")
    list_select_related = ("user",)
    # Not the session key: whoever has it is signed in as its user.
    fields = ("user", "signed_in_at", "last_seen_at", "ip_address", "browser", "system")

    @admin.display(description=_("browser"))
    def device(self, sign_in: SignIn) -> str:
        return sign_in.device


@admin.register(StandIn)
class StandInAdmin(ReadOnlyAdmin):
    """Who stands in for whom, when: named by the absent person on their stand-in page, where
    role and scope are checked (registry/standins), never by hand."""

    list_display = ("absent", "stand_in", "starts_on", "ends_on", "created_at")
    search_fields = ("absent__username", "absent__full_name", "stand_in__username")
    list_select_related = ("absent", "stand_in")
