import 'reflect-metadata';
import { describeDeliveryConformance } from '../testing/delivery.conformance.js';
import { InProcessDelivery } from './in-process.delivery.js';

describeDeliveryConformance('in-process', { create: () => new InProcessDelivery() });
