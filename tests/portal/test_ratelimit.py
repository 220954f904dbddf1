from portal import ratelimit


def test_a_limit_counts_only_what_was_recorded_per_identity():
    for _ in range(3):
        ratelimit.record("test", "Someone@Example.org")

    assert ratelimit.exceeded("test", "someone@example.org", 3)
    assert not ratelimit.exceeded("test", "someone@example.org", 4)
    assert not ratelimit.exceeded("test", "other@example.org", 1)
    assert not ratelimit.exceeded("test", "someone@example.org", 0)  # 0: no limit


def test_take_allows_up_to_the_limit_then_refuses():
    assert [ratelimit.take("test", "10.0.0.1", 2) for _ in range(3)] == [True, True, False]


def test_an_unreachable_cache_limits_nothing_and_fails_nothing(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "add", "incr", "set"):
        monkeypatch.setattr(ratelimit.cache, name, down)

    assert ratelimit.record("test", "10.0.0.1") == 0
    assert not ratelimit.exceeded("test", "10.0.0.1", 1)


def test_identities_are_not_stored_in_clear():
    ratelimit.record("test", "someone@example.org")

    assert "someone@example.org" not in ratelimit._key("test", "someone@example.org")
