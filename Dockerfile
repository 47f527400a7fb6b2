FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir --upgrade pip
COPY . .
RUN pip install --no-cache-dir . && mkdir -p var && useradd --create-home outreach \
    && chown -R outreach /app/var
USER outreach
EXPOSE 8000
CMD ["gunicorn", "outreach.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
