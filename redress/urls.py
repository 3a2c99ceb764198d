from django.contrib import admin
from django.urls import include, path

from api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("web.urls")),
]

handler500 = "redress.health.server_error"
