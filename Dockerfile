# syntax=docker/dockerfile:1
# Multi-stage build for the images of this repository. Targets:
#   docker build --target bookings-api -t bookings-api .
# The operator's target goes next to bookings-api, built by the same `build` stage.

# ---- build: the Maven reactor, one stage for every image's jar --------------------------------
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
# Maven reads every module listed in the parent pom, even with -pl: copy all module poms.
COPY pom.xml ./
COPY bookings-api/pom.xml bookings-api/
COPY operator/pom.xml operator/
COPY sandbox/mariadb/pom.xml sandbox/mariadb/
COPY sandbox/simulators/pom.xml sandbox/simulators/
COPY sandbox/apiserver/pom.xml sandbox/apiserver/
COPY sandbox/launcher/pom.xml sandbox/launcher/
COPY bench/operator/pom.xml bench/operator/
COPY repo-checks/pom.xml repo-checks/
COPY bookings-api/src bookings-api/src
COPY sandbox/mariadb/src sandbox/mariadb/src
# Tests need a MariaDB server and run in CI (scripts/test), not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -ntp -pl bookings-api -am package -DskipTests

# ---- bookings-api: the sample service ---------------------------------------------------------
FROM eclipse-temurin:17-jre AS bookings-api
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/bookings-api/target/bookings-api.jar /app/bookings-api.jar
USER 10001:10001
# LISTEN as in the original's pipeline; DSN is a secret given at run time, never baked in.
# The parallel collector: its write barrier is cheaper than G1's and a young collection of this
# small heap takes about a millisecond (docs/bookings-api.md, Benchmark); no context timings,
# thread checks (a debug aid) or context class loader switch per task.
ENV LISTEN=0.0.0.0:8080 \
    JAVA_TOOL_OPTIONS="-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dvertx.disableContextTimings=true -Dvertx.threadChecks=false -Dvertx.disableTCCL=true"
EXPOSE 8080
# Exec form: java is PID 1 and gets SIGTERM directly (graceful shutdown).
ENTRYPOINT ["java", "-jar", "/app/bookings-api.jar"]

# ---- operator-build: the operator's runnable jar (envops-operator.jar) ------------------------
FROM build AS operator-build
# The operator's tests use the simulators and the API server starter (test scope), so the reactor
# needs their sources too (with -DskipTests nothing starts).
COPY sandbox/simulators/src sandbox/simulators/src
COPY sandbox/apiserver/src sandbox/apiserver/src
COPY operator/src operator/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -ntp -pl operator -am package -DskipTests

# ---- operator: the envops operator ------------------------------------------------------------
#   docker build --target operator -t envops-operator .
FROM eclipse-temurin:17-jre AS operator
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=operator-build /src/operator/target/envops-operator.jar /app/envops-operator.jar
USER 10001:10001
# Configuration is environment variables (docs/operator.md); AWS credentials come from the
# default chain (IRSA / pod identity, or AWS_* variables from a Secret), never from the image.
# Sized by bench/operator/run scale (docs/benchmarks.md): 1,000 Environments peak at ~188 MiB RSS.
# The serial collector and C1 keep the footprint small; glibc's per-thread arenas would not. The
# heap starts small and gives back what a full collection frees; a 12 MiB young generation (a third
# of the heap by default) cost 1 ms of GC per rollout for 10 MiB less RSS. The live set is ~42 MiB
# at 1,000 Environments (-Xmx48m ran out of memory in a bulk bump); -Xmx96m holds about 2,000.
# No perf data: its sampler woke a JVM thread every 50 ms (jcmd still attaches; jps/jstat do not).
ENV ENVOPS_METRICS_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms16m -Xmx96m -Xmn12m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/envops-operator.jar"]
