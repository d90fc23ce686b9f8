"""Feedback lists as staff and kommuner see them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mottak.models.ssb import FeedbackList, FeedbackListState


@dataclass(frozen=True)
class FeedbackCounts:
    sent: int
    returned: int
    outstanding: int
    closed: int
    drafts: int


def feedback_counts_get(*, aar: int | None = None) -> FeedbackCounts:
    """`sent` counts every list ever sent (returned and closed included); `outstanding` those
    still waiting for the kommune; `returned` those waiting for SSB."""
    lists = FeedbackList.objects.all()
    if aar is not None:
        lists = lists.filter(aar=aar)
    by_state = dict(lists.values_list("state").annotate(n=Count("id")).order_by())
    outstanding = by_state.get(FeedbackListState.SENT, 0)
    returned = by_state.get(FeedbackListState.RETURNED, 0)
    closed = by_state.get(FeedbackListState.CLOSED, 0)
    return FeedbackCounts(
        sent=outstanding + returned + closed,
        returned=returned,
        outstanding=outstanding,
        closed=closed,
        drafts=by_state.get(FeedbackListState.DRAFT, 0),
    )


def feedback_list_list(*, state: str = "", kommune_nr: str = "") -> QuerySet[FeedbackList]:
    lists = FeedbackList.objects.annotate(
        n_items=Count("items"),
        n_answered=Count("items", filter=~Q(items__answer="")),
        n_accepted=Count("items", filter=Q(items__accepted_at__isnull=False)),
    ).order_by("-created_at", "-id")
    if state in FeedbackListState.values:
        lists = lists.filter(state=state)
    if kommune_nr:
        lists = lists.filter(kommune_nr=kommune_nr)
    return lists


def feedback_lists_for_kommune(*, kommune_nr: str) -> QuerySet[FeedbackList]:
    """What a kommune sees: every list sent to it (drafts stay with SSB)."""
    return feedback_list_list(kommune_nr=kommune_nr).exclude(state=FeedbackListState.DRAFT)


def feedback_overdue_list(*, today) -> QuerySet[FeedbackList]:
    """Lists still waiting for the kommune after their answer date, oldest date first."""
    return (
        feedback_list_list(state=FeedbackListState.SENT)
        .filter(answer_by__lt=today)
        .order_by("answer_by", "id")
    )
