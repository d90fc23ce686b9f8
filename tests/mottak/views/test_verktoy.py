import hashlib
import io
import zipfile

from django.urls import reverse

from kontroll import build


def test_checker_page_is_public_and_links_the_download(client):
    response = client.get(reverse("mottak:verktoy"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("mottak:verktoy_checker") in body
    assert hashlib.sha256(build.build_archive()).hexdigest() in body
    assert "--skjema 11F" in body


def test_checker_download_is_public_and_is_the_built_package(client):
    response = client.get("/verktoy/kostra_kontroll.pyz")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kostra_kontroll.pyz"'
    assert response.content == build.build_archive()
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "__main__.py" in archive.namelist()


def test_checker_download_answers_304_to_a_known_etag(client):
    etag = client.get("/verktoy/kostra_kontroll.pyz")["ETag"]
    assert client.get("/verktoy/kostra_kontroll.pyz", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_checker_download_refuses_post(client):
    assert client.post("/verktoy/kostra_kontroll.pyz").status_code == 405
