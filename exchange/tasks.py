from celery import shared_task

from exchange.services import decisions, offers


@shared_task
def release_due_decisions():
    """Periodic (beat): release the decisions of every call whose release date has passed."""
    return decisions.release_due_decisions()


@shared_task
def lapse_due_offers():
    """Periodic (beat): offers past their deadline lapse, and their places go to reserves."""
    return offers.lapse_offers()
