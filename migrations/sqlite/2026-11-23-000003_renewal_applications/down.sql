DROP TABLE renewal_applications;
