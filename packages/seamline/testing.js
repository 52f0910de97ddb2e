// What a seam test imports as @seamline/nx/testing: component(name), manifest(), manifestHash().
module.exports = require('./src/testing/index.js');
