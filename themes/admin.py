from django import forms
from django.contrib import admin

from common.translated import OriginalLanguageFormMixin, form_fields, translation_names
from idm_portal.service_admin import ServiceRefusalAdminMixin

from . import services
from .models import Consultation, ConsultationChange, Proposal, ThemeSuggestion, Vote, VoteEvent


def _ballot_is_fixed(consultation) -> bool:
    return consultation is not None and services.voting_has_started(consultation)


class ProposalInline(admin.StackedInline):
    """Read here: a proposal is changed on its own page, through the services, which
    record the change and refuse it once voting has started."""

    model = Proposal
    extra = 0
    fields = ("position", "title", "summary", "origin", "member_state")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ConsultationChangeInline(admin.TabularInline):
    model = ConsultationChange
    fields = ("changed_at", "changed_by", "action", "changes")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ConsultationAdminForm(OriginalLanguageFormMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = form_fields(Consultation)


class ProposalAdminForm(OriginalLanguageFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = form_fields(Proposal)


@admin.register(Consultation)
class ConsultationAdmin(ServiceRefusalAdminMixin, admin.ModelAdmin):
    form = ConsultationAdminForm
    list_display = ("title", "target_year", "opens_at", "closes_at", "allow_vote_change")
    list_filter = ("target_year",)
    search_fields = ("title", "title_en", "introduction")
    list_select_related = ("target_year",)
    inlines = [ProposalInline, ConsultationChangeInline]
    # The result is declared and published through the portal, which also sets
    # the target year's theme; here it is only shown.
    readonly_fields = (
        "created_at",
        "created_by",
        "selected_proposal",
        "result_declared_at",
        "result_declared_by",
        "result_published_at",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.selected_proposal_id is not None:
            # The declared result fixes them; the service would refuse a change.
            fields = (*fields, *services.CONSULTATION_FIELDS_FIXED_BY_RESULT)
        if _ballot_is_fixed(obj):
            fields = (
                *fields,
                *(
                    name
                    for name in services.CONSULTATION_EDITABLE_FIELDS
                    if name not in services.CONSULTATION_FIELDS_OPEN_TO_CHANGE_DURING_VOTING
                ),
            )
        return tuple(dict.fromkeys(fields))

    def has_delete_permission(self, request, obj=None):
        # Its history (and any vote) holds on to it: a consultation is kept.
        return False

    def save_model(self, request, obj, form, change):
        # Through the services, which hold the rules of a consultation.
        fields = {
            name: form.cleaned_data[name]
            for name in services.CONSULTATION_EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        if change:
            services.consultation_update(consultation=obj, by=request.user, **fields)
        else:
            created = services.consultation_create(by=request.user, **fields)
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(Proposal)
class ProposalAdmin(ServiceRefusalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "consultation", "position", "origin", "member_state")
    list_filter = ("origin", "consultation")
    search_fields = ("title", "title_en", "summary", "full_text")
    list_select_related = ("consultation", "member_state")

    form = ProposalAdminForm
    fields = (
        *("title", "summary", "full_text"),
        *translation_names(services.PROPOSAL_TRANSLATED),
        *("origin", "member_state"),
    )
    autocomplete_fields = ("member_state",)

    def has_add_permission(self, request):
        return False

    # Once voting has started the ballot is fixed: the texts stay as voted on.
    def has_change_permission(self, request, obj=None):
        fixed = obj is not None and _ballot_is_fixed(obj.consultation)
        return not fixed and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        fixed = obj is not None and _ballot_is_fixed(obj.consultation)
        return not fixed and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting several at once would skip the service, which records each removal.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.PROPOSAL_EDITABLE_FIELDS}
        services.proposal_update(proposal=obj, by=request.user, **fields)

    def delete_model(self, request, obj):
        services.proposal_remove(proposal=obj, by=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The secretariat reads these records; they change only through the portal's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("member_state", "proposal", "cast_by", "cast_at", "consultation")
    list_filter = ("consultation",)
    search_fields = ("member_state__name",)
    list_select_related = ("member_state", "proposal", "cast_by", "consultation")


@admin.register(VoteEvent)
class VoteEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "member_state", "user", "from_proposal", "to_proposal", "consultation")
    list_filter = ("consultation",)
    search_fields = ("member_state__name", "user__username")
    list_select_related = (
        "member_state",
        "user",
        "from_proposal",
        "to_proposal",
        "consultation",
    )


@admin.register(ConsultationChange)
class ConsultationChangeAdmin(ReadOnlyAdmin):
    list_display = ("changed_at", "action", "changed_by", "consultation")
    list_filter = ("action", "consultation")
    list_select_related = ("changed_by", "consultation")


@admin.register(ThemeSuggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "member_state", "status", "submitted_at", "consultation")
    list_filter = ("status", "consultation")
    search_fields = ("title", "rationale", "member_state__name")
    list_select_related = ("member_state", "consultation")
