#!/usr/bin/env node
import '../dist/bundle/run.js';
