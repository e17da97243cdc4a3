from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "hearth.lookedafter"
    verbose_name = "Looked-after children, care leavers and adoption"

    def ready(self) -> None:
        # Registers the looked-after statutory fact kinds with the practice engine.
        from hearth.lookedafter import facts  # noqa: F401, PLC0415
