# Production-like image for web, worker and scheduler (see docker-compose.yml).

# Pyodide's core files for the in-browser check (npm, pinned in settings; see `make pyodide`).
FROM node:22-bookworm AS pyodide
WORKDIR /src
COPY Makefile .
COPY kostra_portal/settings.py kostra_portal/
RUN make pyodide && ls .cache/pyodide/*/pyodide.mjs && rm -rf .cache/pyodide/npm

FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

RUN useradd --system --create-home --uid 1000 kostra
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# .dockerignore keeps keys/, secrets/ and var/ out of the image.
COPY --chown=kostra:kostra . .
COPY --from=pyodide --chown=kostra:kostra /src/.cache/pyodide/ .cache/pyodide/
# The downloadable checker: fail the image build if it cannot be built. The portal serves the
# archive it builds from its own kontroll package (GET /verktoy/kostra_kontroll.pyz); this copy
# is for operators (docker cp), proves the build works with the image's packages and is what
# the in-browser check on /kontroller/ loads (collected as a static file below).
RUN python -m kontroll.build --out build/kostra_kontroll.pyz
# A failed collectstatic fails the build. The compiled translations (.mo) are committed, so
# the image needs no gettext tools.
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput

# Named volumes take the owner of the image's directory: the uploads volume must be writable.
RUN mkdir -p /data/media /data/exports && chown kostra:kostra /data/media /data/exports

USER kostra
EXPOSE 8000
CMD ["gunicorn", "kostra_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
