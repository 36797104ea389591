"""airspeed velocity benchmarks of fastsmote against imbalanced-learn and scikit-learn."""
