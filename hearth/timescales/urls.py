from django.urls import URLPattern, URLResolver

app_name = "timescales"
urlpatterns: list[URLPattern | URLResolver] = []
