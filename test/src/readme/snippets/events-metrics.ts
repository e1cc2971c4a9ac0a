// README "Metrics": the Prometheus module beside the events module.
import { Module } from '@nestjs/common';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { EventsMetricsModule } from '@webnovel/events-prometheus';

// #region module
@Module({
  imports: [
    EventsModule.forRoot({ source: 'user-service', catalog: webNovelCatalog, upcasters: webNovelUpcasters }),
    EventsMetricsModule.forRoot(), // serves the injected registry on /metrics through @willsoto/nestjs-prometheus
  ],
})
export class AppModule {}
// #endregion
