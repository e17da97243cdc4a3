from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "hearth.frontdoor"
    verbose_name = "Front door"

    def ready(self) -> None:
        # Registers the front door's statutory fact kinds with the practice engine.
        from hearth.frontdoor import facts  # noqa: F401, PLC0415
