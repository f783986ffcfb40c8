"""Filters of the claim pages: money, quantities and ratios as the printed statement shows them."""

from django import template

from forms import filters

register = template.Library()
register.filter("money", filters.money)
register.filter("quantity", filters.quantity)
register.filter("percent", filters.percent)
