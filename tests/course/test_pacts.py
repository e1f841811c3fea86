"""workbook.pacts: the guard against verifying nothing, the test providers, and where
the learner's pact files live (notebooks 05 and 06)."""

import json

import httpx
import pytest
from pact import Pact, Verifier, match

from workbook import pacts
from workbook.pacts import (
    NothingVerified,
    VerificationFailed,
    canned_provider,
    interactions_in,
    pacts_to_verify,
    reshaping_copy,
    serve_app,
    stateless_interactions,
    verify,
    verify_canned,
    write_learner_pact,
)

pytestmark = pytest.mark.usefixtures("quiet_pact")


@pytest.fixture
def quiet_pact(monkeypatch):
    monkeypatch.setenv("PACT_DO_NOT_TRACK", "true")


def product_pact(consumer="order-service", provider="inventory-service", state=True):
    pact = Pact(consumer, provider).with_specification("V4")
    interaction = pact.upon_receiving("a request for product P-1")
    if state:
        interaction.given("a product with id P-1 exists", id="P-1")
    (
        interaction.with_request("GET", "/products/P-1")
        .will_respond_with(200)
        .with_body({"price": match.number(2.5)}, content_type="application/json")
    )
    return pact


@pytest.fixture
def pact_folder(tmp_path):
    product_pact().write_file(tmp_path)
    return tmp_path


def test_a_provider_that_keeps_the_contract_is_verified(pact_folder):
    verified = verify_canned(
        pact_folder, "inventory-service", {"/products/P-1": (200, {"price": 3, "x": 1})}
    )
    assert verified == ["a request for product P-1"]


def test_a_provider_that_breaks_the_contract_fails_with_the_report(pact_folder):
    with pytest.raises(VerificationFailed, match="missing the following keys: price"):
        verify_canned(pact_folder, "inventory-service", {"/products/P-1": (200, {"cost": 3})})


def test_a_verifier_that_selects_no_pact_is_refused(pact_folder):
    with pytest.raises(NothingVerified):
        verify_canned(pact_folder, "inventory_service", {"/products/P-1": (200, {"price": 3})})


def test_verify_keeps_pacts_report_out_of_stdout(pact_folder, capfd):
    with serve_app(canned_provider({"/products/P-1": (200, {"price": 3})})) as url:
        verify(
            Verifier("inventory-service", host="127.0.0.1")
            .add_transport(url=url)
            .add_source(pact_folder)
        )
    assert "Verifying a pact" not in capfd.readouterr().out


def test_interactions_in_filters_by_provider_and_consumer(tmp_path):
    product_pact().write_file(tmp_path)
    product_pact(consumer="webshop").write_file(tmp_path)
    assert interactions_in(tmp_path, "inventory-service") == ["a request for product P-1"] * 2
    assert interactions_in(tmp_path, "inventory-service", "webshop") == [
        "a request for product P-1"
    ]
    assert interactions_in(tmp_path, "user-service") == []


def test_stateless_interactions_are_the_ones_without_a_provider_state(tmp_path):
    product_pact().write_file(tmp_path)
    assert stateless_interactions(tmp_path) == []
    product_pact(consumer="webshop", state=False).write_file(tmp_path)
    assert stateless_interactions(tmp_path) == ["a request for product P-1"]


def test_the_learner_folder_is_used_when_it_holds_the_pacts(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pacts, "LEARNER_PACTS", tmp_path / "learner")
    written = write_learner_pact(product_pact())
    assert written == tmp_path / "learner" / "order-service-inventory-service.json"
    assert json.loads(written.read_text())["provider"]["name"] == "inventory-service"
    assert pacts_to_verify((written.name,)) == tmp_path / "learner"
    assert capsys.readouterr().out == ""


def test_missing_learner_pacts_are_named_in_one_line_and_the_reference_is_used(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(pacts, "LEARNER_PACTS", tmp_path / "learner")
    assert pacts_to_verify(("order-service-user-service.json",)) == pacts.REFERENCE_PACTS
    out = capsys.readouterr().out
    assert (
        out.count("\n") == 1 and "order-service-user-service.json" in out and "notebook 05" in out
    )


def test_a_reshaping_copy_reshapes_answers_and_forwards_the_rest():
    upstream = canned_provider(
        {"/products/P-1": (200, {"price": 2.5}), "/products/P-2": (404, {"code": "X"})}
    )
    with serve_app(upstream) as upstream_url:

        def rename(path, body):
            return {"unit_price": body["price"], "path": path}

        with serve_app(reshaping_copy(upstream_url, rename)) as url:
            assert httpx.get(url + "/products/P-1").json() == {
                "unit_price": 2.5,
                "path": "/products/P-1",
            }
            answer = httpx.get(url + "/products/P-2")
            assert (answer.status_code, answer.json()) == (404, {"code": "X"})


def test_serve_app_stops_the_server_when_the_block_ends():
    with serve_app(canned_provider({})) as url:
        assert httpx.get(url + "/anything").status_code == 404
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/anything", timeout=2)
