import { parseImageRef } from '../image-ref';

/** The ports a well-known image listens on by default, and where that is documented. */
export interface KnownImagePorts {
  readonly ports: readonly number[];
  /** Where the ports come from, quoted in the diagnostic. */
  readonly source: string;
}

/**
 * Default ports of common server images, for services that declare neither `ports` nor `expose`: Compose peers
 * reach any port of a service on a shared network, but a Kubernetes Service and its NetworkPolicy need the port
 * named. Keyed by repository without registry or tag (`jaegertracing/all-in-one`), or by its last component
 * (`kafka`) for images published under several namespaces; a vendor build named `<vendor>-<key>`
 * (`zulip/zulip-postgresql`) is built FROM the known image and listens where it does. Only ports each image's own documentation and Dockerfile `EXPOSE`
 * agree on are listed; anything else is the user's `expose`.
 */
const KNOWN_IMAGE_PORTS: Readonly<Record<string, KnownImagePorts>> = {
  mysql: { ports: [3306], source: 'the MySQL server default port (EXPOSE 3306)' },
  mariadb: { ports: [3306], source: 'the MariaDB server default port (EXPOSE 3306)' },
  percona: { ports: [3306], source: 'the MySQL server default port (EXPOSE 3306)' },
  postgres: { ports: [5432], source: 'the PostgreSQL default port (EXPOSE 5432)' },
  postgresql: { ports: [5432], source: 'the PostgreSQL default port (EXPOSE 5432)' },
  postgis: { ports: [5432], source: 'the PostgreSQL default port (EXPOSE 5432)' },
  mongo: { ports: [27017], source: 'the MongoDB default port (EXPOSE 27017)' },
  mongodb: { ports: [27017], source: 'the MongoDB default port (EXPOSE 27017)' },
  redis: { ports: [6379], source: 'the Redis default port (EXPOSE 6379)' },
  valkey: { ports: [6379], source: 'the Valkey default port (EXPOSE 6379)' },
  memcached: { ports: [11211], source: 'the memcached default port (EXPOSE 11211)' },
  rabbitmq: { ports: [5672], source: 'the AMQP port (EXPOSE 5672)' },
  elasticsearch: { ports: [9200], source: 'the Elasticsearch HTTP port (EXPOSE 9200)' },
  opensearch: { ports: [9200], source: 'the OpenSearch HTTP port (EXPOSE 9200)' },
  kafka: { ports: [9092], source: 'the Kafka broker default listener (9092)' },
  zookeeper: { ports: [2181], source: 'the ZooKeeper client port (EXPOSE 2181)' },
  'jaegertracing/all-in-one': { ports: [4317, 4318, 16686, 14268], source: 'Jaeger all-in-one: OTLP gRPC 4317, OTLP HTTP 4318, UI 16686, collector HTTP 14268' },
  mailpit: { ports: [1025, 8025], source: 'Mailpit: SMTP 1025, web UI 8025' },
  mailhog: { ports: [1025, 8025], source: 'MailHog: SMTP 1025, web UI 8025' },
  minio: { ports: [9000], source: 'the MinIO S3 API port (9000)' },
};

/** The default ports of a well-known image (registry, namespace and tag ignored), if it is one. */
export function knownImagePorts(image: string | undefined): KnownImagePorts | undefined {
  const ref = image === undefined ? undefined : parseImageRef(image);
  if (ref === undefined) return undefined;
  const { repository, name } = ref;
  const vendorBase = /-([a-z]+)$/.exec(name)?.[1];
  return KNOWN_IMAGE_PORTS[repository.replace(/^library\//, '')] ?? KNOWN_IMAGE_PORTS[name] ?? (vendorBase === undefined ? undefined : KNOWN_IMAGE_PORTS[vendorBase]);
}
