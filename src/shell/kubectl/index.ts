import { fail, type Tool } from '../tool';

export const kubectl: Tool = async () => fail('kubectl: not wired yet');
