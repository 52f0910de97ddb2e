declare function run(): Promise<void>;
export = run;
