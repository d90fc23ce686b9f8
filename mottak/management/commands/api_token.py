from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mottak.models import User
from mottak.services.accounts import api_token_create


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (replaces the user's old token)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}")
        self.stdout.write(
            api_token_create(user=user, now=timezone.now(), name="manage.py api_token")
        )
