from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        # Registers casework's statutory fact kinds with the practice engine.
        from hearth.casework import facts  # noqa: F401, PLC0415
