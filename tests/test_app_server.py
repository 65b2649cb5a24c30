"""The hardened server over real HTTP: file routes gone, bounded queue, `ask` through gradio_client, password."""

from __future__ import annotations

import socket

import httpx
import pytest

from chat import app as web
from chat.cli import build_parser
from chat.web import BLOCKED_PREFIXES, CONCURRENCY, QUEUE_MAX, STAFF_USER, start_in_thread
from test_app import evil_engine  # noqa: F401  (fixture)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _client(url: str, **kw):
    from gradio_client import Client

    return Client(url, verbose=False, analytics_enabled=False, **kw)


@pytest.fixture(scope="module")
def server(evil_engine, tmp_path_factory):  # noqa: F811
    port = free_port()
    demo = web.build_app(evil_engine, tmp_path_factory.mktemp("fb") / "fb.sqlite3")
    srv = start_in_thread(demo, port)
    yield f"http://127.0.0.1:{port}", demo
    srv.should_exit = True


def test_page_is_served_without_ssr_monitoring_or_analytics(server):
    url, demo = server
    page = httpx.get(url + "/", timeout=30)
    assert page.status_code == 200 and "Baclofen monograph Q&amp;A" in page.text
    assert httpx.get(url + "/monitoring", timeout=30).status_code == 404
    assert httpx.get(url + "/gradio_api/runs", timeout=30).status_code == 404
    assert demo.analytics_enabled is False
    assert demo._queue.max_size == QUEUE_MAX and demo._queue.default_concurrency_limit == CONCURRENCY
    assert demo.ssr_mode is False


@pytest.mark.parametrize("path", [
    "/gradio_api/file=/etc/passwd", "/gradio_api/file/etc/passwd", "/gradio_api/file=../../../../etc/passwd",
    "/file=/etc/passwd", "/gradio_api/proxy=https://example.com/", "/gradio_api/file=https://example.com/",
    "/gradio_api/runs", "/gradio_api/file%3D/etc/passwd", "//gradio_api/file=/etc/passwd",
    "/gradio_api//file=/etc/passwd",
])
def test_file_routes_are_gone(server, path):
    url, _ = server
    r = httpx.get(url + path, timeout=30)
    assert r.status_code == 404 and "root:" not in r.text


def test_upload_is_refused_and_nothing_is_written(server):
    url, _ = server
    r = httpx.post(url + "/gradio_api/upload", files={"files": ("a.txt", b"hello")}, timeout=30)
    assert r.status_code == 404
    assert all(p.startswith("/gradio_api/") or p.startswith("/") for p in BLOCKED_PREFIXES)


def test_direct_post_bypassing_the_queue_is_closed(server):
    url, _ = server
    r = httpx.post(url + "/gradio_api/run/ask", json={"data": ["What is it?", []]}, timeout=30)
    assert r.status_code != 200


def test_ask_endpoint_through_gradio_client(server, evil_engine):  # noqa: F811
    url, _ = server
    client = _client(url)
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
    out = client.predict("Evildrug side effects", ["What is Evildrug?"], api_name="/ask")
    expected = evil_engine.answer("Evildrug side effects", ["What is Evildrug?"]).to_dict()
    assert out["quotes"] == expected["quotes"] and out["status"] == expected["status"]
    assert out["history"] == ["What is Evildrug?"] and out["disclaimer"] == expected["disclaimer"]
    bad = client.predict("x" * 100_000, [], api_name="/ask")
    assert bad["status"] == "error" and "limit" in bad["error"]
    chat = [{"role": "user", "content": "What is Evildrug?"}, {"role": "assistant", "content": "A drug."}]
    assert client.predict("Evildrug side effects", chat, api_name="/ask")["quotes"] == expected["quotes"]


def test_password_protects_everything(evil_engine, tmp_path):  # noqa: F811
    port = free_port()
    srv = start_in_thread(web.build_app(evil_engine, tmp_path / "fb.sqlite3"), port, password="s3cret-ü")
    url = f"http://127.0.0.1:{port}"
    try:
        assert httpx.get(url + "/gradio_api/info", timeout=30).status_code == 401
        with pytest.raises(Exception):
            _client(url)
        with pytest.raises(Exception):
            _client(url, auth=(STAFF_USER, "wrong"))
        out = _client(url, auth=(STAFF_USER, "s3cret-ü")).predict("Evildrug", [], api_name="/ask")
        assert out["status"] in ("answered", "not_covered", "out_of_scope", "emergency")
    finally:
        srv.should_exit = True


def test_serve_binds_this_machine_only_by_default():
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 7860 and args.feedback_db is None
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--feedback-db", "/tmp/x.sqlite3"])
    assert args.host == "0.0.0.0" and str(args.feedback_db) == "/tmp/x.sqlite3"
