# The job for a Flink 2.2 cluster (Flink Kubernetes Operator, deploy/k8s/stream-job.yaml): Flink's image with the
# cluster jar in usrlib. Build from the repository root: docker build -f deploy/docker/stream-job-cluster.Dockerfile .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl stream-app/job -am package

FROM flink:2.2.1-java17
COPY --from=build /src/stream-app/job/target/encore-stream-job-0.1.0-SNAPSHOT-cluster.jar /opt/flink/usrlib/
