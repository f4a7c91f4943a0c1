# Planbot: one image for the replicas (`planbot serve`, the default) and the ingest job
# (`planbot sync`). Slim, non-root, CPU-only torch; mirrors the Makefile's install steps.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False TOKENIZERS_PARALLELISM=false \
    PLANBOT_DATA_DIR=/data PLANBOT_CORPUS_DIRS='["/corpus"]' PLANBOT_HOST=0.0.0.0 PLANBOT_PORT=3978

RUN useradd --create-home --uid 10001 planbot && mkdir -p /data /corpus && chown planbot /data
WORKDIR /app

# Dependencies first, from pyproject.toml alone: a code change rebuilds only the layers below.
# CPU torch from PyTorch's CPU index: otherwise sentence-transformers pulls CUDA wheels.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt && rm /tmp/requirements.txt

# The code: owned by root and read-only for the runtime user (nothing under /app is written).
COPY README.md ./
COPY config ./config
COPY core ./core
COPY ingest ./ingest
COPY knowledge ./knowledge
COPY indicators ./indicators
COPY bot ./bot
COPY cli ./cli
COPY bench ./bench
RUN pip install --no-cache-dir --no-deps . && chmod -R a-w /app

USER planbot
VOLUME ["/data"]
EXPOSE 3978
# /healthz is 503 while the model loads or the database/Chroma are not reachable yet, 200 when ready.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PLANBOT_PORT', '3978'), timeout=4)"]
# Serving beyond loopback requires MicrosoftAppId (token validation) or
# PLANBOT_ALLOW_PUBLIC_WITHOUT_AUTH=true for a closed network. Exec form: SIGTERM reaches
# Python. Nothing is ingested at start: run `planbot sync` as a job (deploy/compose.yaml).
CMD ["planbot", "serve"]
