import { DATA_SERVICES, RESOURCES, STORAGE } from '../../lib/defaults';
import { DataService, type DataServiceProps } from '../../lib/services/data-service';
import { givenChart, onlyOf, synth } from '../support/synth';
import { expectMisuse } from './expect-misuse';
import { containerOf, expectHardenedRole } from './invariants';

function givenDataService(props: Partial<DataServiceProps> = {}) {
  const chart = givenChart();
  new DataService(chart, 'db', { image: 'mariadb:11.8', family: 'mariadb', ports: [{ name: 'mysql', port: 3306 }], ...props });
  return synth(chart);
}

describe('DataService', () => {
  test.each(Object.keys(DATA_SERVICES) as (keyof typeof DATA_SERVICES)[])('%s: a hardened StatefulSet as its image\'s user, data in a claim at its data directory', (family) => {
    const manifests = givenDataService({ family, image: `example/${family}:1.0` });
    const sts = expectHardenedRole(manifests, {
      name: 'db', kind: 'StatefulSet', identity: DATA_SERVICES[family].identity, resources: RESOURCES.dataService,
      writablePaths: DATA_SERVICES[family].writablePaths, probes: true,
    });
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: STORAGE.claimName }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STORAGE.size } } } }]);
    expect(containerOf(sts).volumeMounts).toContainEqual({ name: STORAGE.claimName, mountPath: DATA_SERVICES[family].dataPath });
    expect(onlyOf(manifests, 'Service').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'mysql', port: 3306 }] });
    expect(manifests.map((m) => m.kind)).not.toContain('HorizontalPodAutoscaler');
  });

  test('needs the port its clients connect to', () => {
    expectMisuse(() => new DataService(givenChart(), 'db', { image: 'mongo:7.0', family: 'mongo' }), 'data-service-without-port', 'shop/db');
  });
});
