from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from casework import credentials, security_log  # noqa: F401 (credentials' receivers connect on import)
        from casework.read import reference

        reference.register()
        security_log.connect()
