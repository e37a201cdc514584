// Jest environment for the e2e specs: Node's globals (so esbuild and playwright-core work: both break
// under jest-environment-jsdom, whose Uint8Array/classes come from another realm) plus a jsdom
// `window` / `document` / `localStorage`, which @grafana/data touches when it is imported (its
// store subscribes to window "storage" events; react-use's nano-css looks at document).
const { TestEnvironment } = require('jest-environment-node');
const { JSDOM } = require('jsdom');

class NodeWithDomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/' });
    this.global.window = this.dom.window;
    this.global.document = this.dom.window.document;
    this.global.localStorage = this.dom.window.localStorage;
  }

  async teardown() {
    this.dom.window.close();
    await super.teardown();
  }
}

module.exports = NodeWithDomEnvironment;
