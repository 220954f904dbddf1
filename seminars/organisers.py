"""Which seminars an organiser manages (DESIGN §2; §5 "Every role sees only its own").

A seminar names its organisers on its (canonical) page. Organisers see, check in, act on and
export the registrations of those seminars only; anything else answers 404. Administrators
(superusers) see every seminar. This module is the one place that rule is written.
"""


def sees_every_seminar(user):
    return user.is_superuser


def managed_registrations(user, queryset):
    """`queryset` (registrations) narrowed to the seminars `user` organises."""
    if sees_every_seminar(user):
        return queryset
    return queryset.filter(seminar__organisers=user)


def managed_seminars(user, queryset):
    """`queryset` (canonical seminar pages) narrowed to those `user` organises."""
    if sees_every_seminar(user):
        return queryset
    return queryset.filter(organisers=user)


def manages(user, seminar):
    return sees_every_seminar(user) or seminar.organisers.filter(pk=user.pk).exists()
