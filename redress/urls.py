from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from api.urls import api

# The admin asks for the second factor too (and web.security sends anyone without it to enter it).
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("web.urls")),
]

handler500 = "redress.health.server_error"
