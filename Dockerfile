# Planbot: slim, non-root, CPU-only torch; mirrors the Makefile's install steps.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False TOKENIZERS_PARALLELISM=false \
    PLANBOT_DATA_DIR=/data PLANBOT_HOST=0.0.0.0 PLANBOT_PORT=3978

RUN useradd --create-home --uid 10001 planbot && mkdir -p /data && chown planbot /data
WORKDIR /app

# CPU torch first (from PyTorch's CPU index): otherwise sentence-transformers pulls CUDA wheels.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY config ./config
COPY ingest ./ingest
COPY knowledge ./knowledge
COPY indicators ./indicators
COPY bot ./bot
COPY cli ./cli
COPY bench ./bench
COPY corpus ./corpus
RUN pip install --no-cache-dir . && chown -R planbot /app

USER planbot
VOLUME ["/data"]
EXPOSE 3978
# Serving beyond loopback requires MicrosoftAppId (token validation) or
# PLANBOT_ALLOW_PUBLIC_WITHOUT_AUTH=true for a closed network.
CMD ["sh", "-c", "planbot ingest /app/corpus/samples && planbot serve"]
