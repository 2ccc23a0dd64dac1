from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

# Paths a member of staff without MFA may still reach: to enrol it, or to leave.
MFA_ENROLMENT_PATHS = ("/accounts/", "/static/", "/healthz", "/security/")


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy and a few headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages about children are never kept by shared or back-button caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class StaffMFAMiddleware:
    """Staff must enrol in two-factor sign-in before they reach anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_ENROLMENT_PATHS)
            and user.is_setting_staff
            and not has_mfa(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Set up two-factor sign-in first."}, status=403)
            return redirect("core:mfa_required")
        return self.get_response(request)


def has_mfa(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
