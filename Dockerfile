# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION=$(git describe --always) -t pilarbot .
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/pilarbot .

# Static binary on distroless: CA certificates for api.telegram.org, no
# shell, runs as the image's non-root user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/pilarbot /pilarbot
USER nonroot:nonroot
# /healthz, /readyz and /metrics (and the webhook): reachable from outside
# the container, unlike the default of a developer machine (loopback).
ENV HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
# No shell or curl in the image: the binary asks its own /readyz.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 CMD ["/pilarbot", "healthcheck"]
ENTRYPOINT ["/pilarbot"]
