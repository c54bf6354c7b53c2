from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from accounts.roles import focal_point_state, is_secretariat


class ConsultationReaderMixin(AccessMixin):
    """The secretariat and focal points read consultations; anonymous users log in first.

    Sets self.member_state: the focal point's state, None for the secretariat.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.is_secretariat = is_secretariat(request.user)
        self.member_state = None if self.is_secretariat else focal_point_state(request.user)
        if not self.is_secretariat and self.member_state is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
