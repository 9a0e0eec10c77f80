/** Token encodings shared across the process: one o200k_base table for the workload and the mock engine. */
package io.perfsweep.encoding;
