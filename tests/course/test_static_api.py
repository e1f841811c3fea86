"""workbook.static_api: fixed JSON by path, 404 otherwise, and nothing left behind."""

import socket

import httpx

from workbook.static_api import NOT_FOUND, serving_json


def test_answers_each_path_with_its_json_whatever_the_query():
    with serving_json({"/products": {"error": "maintenance"}, "/products/p1": [1, 2]}) as url:
        assert httpx.get(f"{url}/products?limit=5").json() == {"error": "maintenance"}
        answer = httpx.get(f"{url}/products/p1")
        assert answer.status_code == 200 and answer.json() == [1, 2]
        assert answer.headers["content-type"] == "application/json"


def test_other_paths_are_404_with_an_error_body():
    with serving_json({}) as url:
        answer = httpx.get(f"{url}/anything")
    assert answer.status_code == 404 and answer.json() == NOT_FOUND


def test_the_port_is_closed_when_the_block_ends():
    with serving_json({"/": 1}) as url:
        port = int(url.rsplit(":", 1)[1])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
