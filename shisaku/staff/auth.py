"""Sign-in and sign-out: Django's views with the lockout form (accounts.services)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from shisaku.staff.forms import LoginForm

login = auth_views.LoginView.as_view(
    template_name="staff/login.html",
    authentication_form=LoginForm,
    next_page="staff:home",
)
logout = auth_views.LogoutView.as_view(next_page="staff:login")
