"""Helpers every workflow's views share: turning a service's refusal into what the user reads."""

from django.core.exceptions import ValidationError


def client_ip(request) -> str | None:
    """The address recorded with each step (the proxy's, unless it is trusted in settings)."""
    return request.META.get("REMOTE_ADDR") or None


def show_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def labelled_steps(records, states) -> list:
    """Step records with their states named for people, by a case type's ``states`` choices."""
    labels = dict(states)
    records = list(records)
    for record in records:
        record.state_before_label = labels.get(record.state_before, record.state_before)
        record.state_after_label = labels.get(record.state_after, record.state_after)
    return records
