import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { readAppContext } from './read-app-context';
import { SwitchyardStack } from './stack';

const app = new App();
const { stackName, props } = readAppContext(app);
const stack = new SwitchyardStack(app, stackName, {
  description: 'Switchyard: enterprise integration patterns on AWS serverless',
  ...props,
});
acknowledgeNagFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
