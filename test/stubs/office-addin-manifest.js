// Stand-in for office-addin-manifest inside Jest: office-addin-mock imports it but never calls it.
module.exports = {};
