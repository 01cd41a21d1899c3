# nianbao in a container: Debian bookworm, the system packages of .ci/packages.txt (poppler, cairo,
# libxml2, OpenCC, SQLite, Tesseract with its Chinese and English models, the CJK fonts poppler draws
# with), and the release binary with the Swift runtime linked in. The rules are built into the binary;
# mount a folder and pass --rules to use others. nianbao-sink (--sink) is beside nianbao; ca-certificates
# lets it check a server's certificate (sslmode=verify-full).
#
#   docker build -t nianbao .
#   docker run --rm -v "$PWD/reports:/in:ro" -v "$PWD/out:/out" nianbao run /in --output /out
#   docker run --rm -v "$PWD/reports:/in:ro" -v "$PWD/out:/out" nianbao review /out   # out/review/
ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY .ci/packages.txt .ci/packages.txt
# Every package of .ci/packages.txt but the browser and the database server the tests use.
RUN apt-get update \
    && sed -e 's/#.*//' .ci/packages.txt | awk 'NF { print $1 }' | grep -vxE "chromium|postgresql" \
       | xargs apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN swift build -c release --static-swift-stdlib --product nianbao \
    && swift build -c release --static-swift-stdlib --product nianbao-sink \
    && install -m 755 .build/release/nianbao .build/release/nianbao-sink /usr/local/bin/

FROM debian:bookworm-slim
COPY .ci/packages.txt /tmp/packages.txt
RUN apt-get update \
    && sed -e 's/#.*//' /tmp/packages.txt | awk 'NF { print $1 }' | grep -vxE "chromium|postgresql" \
       | xargs apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* /tmp/packages.txt
COPY --from=build /usr/local/bin/nianbao /usr/local/bin/nianbao-sink /usr/local/bin/
# Workers, not OpenMP, use the cores (see README, "OCR").
ENV OMP_THREAD_LIMIT=1
WORKDIR /work
ENTRYPOINT ["nianbao"]
CMD ["--help"]
