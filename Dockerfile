# syntax=docker/dockerfile:1
# idemlint's container image:
#
#   docker build -t idemlint .
#   docker run --rm -v "$PWD:/src" idemlint db/migrations
#
# The build stage runs the release build (go run ./internal/release): a
# static binary, so the final stage needs no C library of its own. It runs
# on the build machine's platform and cross-compiles for another
# (docker buildx build --platform linux/amd64,linux/arm64). Stamp a
# version with --build-arg VERSION=v1.2.3 --build-arg COMMIT=<sha>: .git
# stays out of the build context (.dockerignore).
FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build
ARG TARGETARCH
ARG BUILDARCH
ARG VERSION=devel
ARG COMMIT=
# A cross C compiler and the target's static libc when the platforms differ.
RUN set -eu; \
    target=${TARGETARCH:-$(go env GOARCH)}; build=${BUILDARCH:-$(go env GOARCH)}; \
    if [ "$target" != "$build" ]; then \
      case "$target" in \
        arm64) pkgs="gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;; \
        amd64) pkgs="gcc-x86-64-linux-gnu libc6-dev-amd64-cross" ;; \
        *) echo "no cross compiler for $target" >&2; exit 1 ;; \
      esac; \
      apt-get update; \
      apt-get install -y --no-install-recommends $pkgs; \
      rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN set -eu; \
    target=${TARGETARCH:-$(go env GOARCH)}; build=${BUILDARCH:-$(go env GOARCH)}; \
    if [ "$target" != "$build" ]; then \
      case "$target" in \
        arm64) export CC=aarch64-linux-gnu-gcc ;; \
        amd64) export CC=x86_64-linux-gnu-gcc ;; \
      esac; \
    fi; \
    go run ./internal/release -out /dist -goos linux -goarch "$target" -version "$VERSION" -commit "$COMMIT"; \
    mkdir /out; \
    tar -xzf /dist/idemlint_*_linux_"$target".tar.gz -C /out idemlint

# git for --new-since and --warn-edited; a shell for CI systems that run
# scripts in the image (GitLab CI).
FROM alpine:3.22
RUN apk add --no-cache git \
    && addgroup -S -g 10001 idemlint \
    && adduser -S -D -H -u 10001 -G idemlint idemlint \
    && git config --system --add safe.directory '*'
COPY --from=build /out/idemlint /usr/local/bin/idemlint
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["idemlint"]
