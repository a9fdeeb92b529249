# syntax=docker/dockerfile:1
# The emulator image that every node of docker-compose.yml runs ("docker compose build", or
# "docker build -t rserpool-emulator ."). Stage 1 builds the shaded jar with the Maven wrapper, as
# ./emulate does; stage 2 runs it on a JRE as a non-root user. It needs BuildKit (the cache mount below):
# "docker compose" and "docker build" since Docker 23 use it; with docker-compose 1.x set DOCKER_BUILDKIT=1.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY actors/ actors/
COPY metrics/ metrics/
COPY emulator/ emulator/
COPY scenarios/ scenarios/
# The tests need tshark, promtool, prometheus and docker-compose, and take minutes: CI runs them
# (.ci/run), the image build does not. The cache mount keeps Maven's repository between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system emulator \
 && useradd --system --gid emulator --create-home --home-dir /home/emulator --shell /usr/sbin/nologin emulator
COPY --from=build /src/emulator/target/rserpool-emulator.jar /opt/rserpool/rserpool-emulator.jar
COPY docker/entrypoint.sh /opt/rserpool/entrypoint.sh
USER emulator
# Results go to results/ under the working directory ("docker compose cp seed:/home/emulator/results .").
WORKDIR /home/emulator
# Metrics on every interface, so that Prometheus reaches them from its container; the REST control
# endpoint stays on loopback unless EMULATOR_CONTROL_HOST and EMULATOR_CONTROL_TOKEN say otherwise.
ENV EMULATOR_METRICS_HOST=0.0.0.0 \
    EMULATOR_METRICS_PORT=9464 \
    EMULATOR_CLUSTER_PORT=25520 \
    EMULATOR_BIND_HOST=0.0.0.0
# 9464 /metrics, 8080 REST control API, 25520 Akka cluster (Artery TCP).
EXPOSE 9464 8080 25520
# Healthy once /metrics answers 200 (the image has bash, not curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${EMULATOR_METRICS_PORT} && printf 'GET /metrics HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/opt/rserpool/entrypoint.sh"]
# No arguments: the built-in default scenario until stopped (docker-compose.yml passes --scenario).
CMD []
