# One image recipe for the project's JVM services, chosen with --build-arg:
#   MODULE=stream-app/view   MAIN=dev.encore.view.ViewMain          (recommendations view)
#   MODULE=model-server      MAIN=dev.encore.model.cli.ModelCli     (model server: args "serve ...")
#   MODULE=stream-app/job    MAIN=dev.encore.stream.StreamJobMain   (the job on a MiniCluster, as in the local stack)
# Build from the repository root: docker build -f deploy/docker/java-service.Dockerfile --build-arg MODULE=... --build-arg MAIN=... .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl ${MODULE} -am install \
 && mvn -q -B -pl ${MODULE} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp ${MODULE}/target/encore-*-0.1.0-SNAPSHOT.jar /out/app.jar

FROM eclipse-temurin:17-jre
ARG MAIN
ENV MAIN_CLASS=${MAIN}
WORKDIR /app
COPY --from=build /out/ /app/
# Offline by design: DJL natives come from the jars, never from the network.
ENTRYPOINT ["sh", "-c", "exec java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp '/app/app.jar:/app/lib/*' $MAIN_CLASS \"$@\"", "--"]
