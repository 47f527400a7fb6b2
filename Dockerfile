FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# WeasyPrint (report PDFs) needs Pango and a font; nothing else is drawn on the server.
# postgresql-client gives pg_dump / pg_restore for `manage.py backup_db` / `restore_db`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml ./
RUN pip install --no-cache-dir --upgrade pip
COPY . .
RUN pip install --no-cache-dir . \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only-not-a-secret DJANGO_ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput \
    && mkdir -p var/media && useradd --create-home outreach && chown -R outreach /app/var
USER outreach
EXPOSE 8000
CMD ["gunicorn", "outreach.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
