import time


def test_world(db, django_assert_max_num_queries):
    t = time.time()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tandem.conftest import build_world

    with CaptureQueriesContext(connection) as c:
        w = build_world()
    print("build", time.time() - t, len(c.captured_queries))
    assert w["manager"].email
