from django.urls import URLPattern, URLResolver, path, register_converter

from hearth.timescales import views
from hearth.timescales.converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "timescales"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.year_view, name="calendar"),
    path("<int:year>/", views.year_view, name="year"),
    path("closure-days/add/", views.closure_day_add_view, name="closure-day-add"),
    path(
        "closure-days/<isodate:day>/remove/",
        views.closure_day_remove_view,
        name="closure-day-remove",
    ),
]
